/**
 * One error type for every protocol: each protocol family renders it in its own wire format
 * (SOAP fault, OAuth error JSON, REST error array, Bulk v1 <error>).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** The request body exceeded the limit given to `request.body(limit)`. */
export class BodyTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`Request body exceeds ${limit} bytes`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/** The request body could not be read (bad gzip, aborted upload). */
export class BodyReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BodyReadError";
  }
}
