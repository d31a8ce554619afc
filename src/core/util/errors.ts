/** Thrown for input the user must fix; the message says what is wrong and what to do. */
export class InputError extends Error {
  override name = 'InputError';
}
