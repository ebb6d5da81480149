/** One error type for the whole app; its code decides the HTTP status and the message is safe to show. */

const STATUS_BY_CODE = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  SALESFORCE: 502,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof STATUS_BY_CODE;

export interface AppErrorOptions {
  /** Overrides the code's default status (e.g. 400 instead of 422 for a malformed VALIDATION body). */
  status?: number;
  /** Per-field messages for forms, keyed by input name. */
  fieldErrors?: Record<string, string>;
  /** Seconds a RATE_LIMITED caller should wait. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly fieldErrors?: Record<string, string>;
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? STATUS_BY_CODE[code];
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The one JSON shape every API error uses. */
export interface ErrorEnvelope {
  error: { code: AppErrorCode; message: string; fields?: Record<string, string> };
}

export function toErrorEnvelope(error: AppError): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fields: error.fieldErrors } : {}),
    },
  };
}
