/**
 * An error the user can act on: what failed, on which input, and what to do.
 * The CLI and the API print `message` (and `hint`) without a stack trace.
 */
export class GlimpseError extends Error {
  constructor(
    message: string,
    readonly options: { hint?: string; code?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GlimpseError';
  }

  get hint(): string | undefined {
    return this.options.hint;
  }

  get code(): string {
    return this.options.code ?? 'GLIMPSE_ERROR';
  }

  /** The message with its hint, as one text for people. */
  describe(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message;
  }
}

export function isGlimpseError(error: unknown): error is GlimpseError {
  return error instanceof GlimpseError;
}
