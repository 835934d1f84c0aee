import type { z } from 'zod';

/** One problem with one field of the input: what every 4xx reply and CLI rejection lists. */
export interface FieldIssue {
  /** Index of the item in a batch, when the input is a batch. */
  index?: number;
  /** Dotted path to the field inside the item, e.g. `properties.order.total`. */
  path: string;
  code: string;
  message: string;
}

export function pathString(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

export function zodIssues(error: z.ZodError, index?: number): FieldIssue[] {
  return error.issues.map((issue) => ({
    ...(index === undefined ? {} : { index }),
    path: pathString(issue.path),
    code: issue.code,
    message: issue.message,
  }));
}

/** Input that fails validation. Carries every problem found, so one reply can list them all. */
export class InputError extends Error {
  constructor(
    readonly issues: FieldIssue[],
    readonly code = 'invalid_request',
  ) {
    super(
      issues
        .map((i) => `${i.index === undefined ? '' : `item ${i.index}: `}${i.path || '(body)'}: ${i.message}`)
        .join('; '),
    );
  }
}
