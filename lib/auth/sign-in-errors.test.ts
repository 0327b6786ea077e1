import { describe, expect, it } from "vitest";
import { GENERIC_SIGN_IN_ERROR, signInErrorMessage } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("words next-auth's known codes", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong e-mail or password.");
    expect(signInErrorMessage("SessionRequired")).toBe("Sign in to continue.");
    expect(signInErrorMessage(null)).toBeNull();
  });

  it("never repeats text from the URL", () => {
    for (const code of [
      "Your account is suspended. Call +1 555 0100",
      "<b>hi</b>",
      "constructor",
      "__proto__",
      "toString",
      "hasOwnProperty",
    ]) {
      expect(signInErrorMessage(code)).toBe(GENERIC_SIGN_IN_ERROR);
    }
  });
});
