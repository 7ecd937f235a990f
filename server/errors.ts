/** An error whose message is written for the user (plain Swedish) and may be shown as it is. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    /** The form field or query key the message is about, where there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}
