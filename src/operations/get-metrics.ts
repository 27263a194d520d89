// GET /metrics: the Prometheus text the scraper reads, outside the JSON envelope by nature.
import type { TextHandler } from './types.js';

export const getMetrics: TextHandler<'getMetrics'> = async (_input, ctx) => ({
  status: 200,
  contentType: ctx.metrics.contentType,
  text: await ctx.metrics.text(),
});
