/** Awaits a call that must fail and returns its WhmError (any other error is rethrown). */
import { isWhmError, type AnyWhmError } from "../../../templates/runtime/errors.js";

export async function failureOf(promise: Promise<unknown>): Promise<AnyWhmError> {
  try {
    await promise;
  } catch (error) {
    if (isWhmError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
