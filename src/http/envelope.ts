// The one place that shapes the FirstVision envelope.
export interface ErrorItem {
  code: string;
  description: string;
}

export const success = <T>(data: T) => ({ hasError: false as const, errors: [] as ErrorItem[], data });

export const failure = (errors: ErrorItem[]) => ({ hasError: true as const, errors, data: null });
