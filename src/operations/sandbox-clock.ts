// PUT and DELETE /sandbox/clock: the calling tenant's test clock, which every operation of that
// tenant reads as its business date (ctx.today). It is stored with the tenant's data, so it
// survives a restart, and goes with an export.
import { isClockDate } from '../domain/test-clock.js';
import { fail } from '../domain/errors.js';
import type { Handler } from './types.js';

export const setSandboxClock: Handler<'setSandboxClock'> = async ({ body }, ctx) => {
  if (!isClockDate(body.date)) fail('CLOCK_DATE_INVALID', `${body.date} is not a calendar date`);
  if (ctx.store.clock() !== body.date) await ctx.store.commit({ clock: body.date });
  return { status: 200, data: { businessDate: body.date, clockSet: true } };
};

export const clearSandboxClock: Handler<'clearSandboxClock'> = async (_input, ctx) => {
  if (ctx.store.clock() !== undefined) await ctx.store.commit({ clock: null });
  return { status: 200, data: { businessDate: ctx.realToday, clockSet: false } };
};
