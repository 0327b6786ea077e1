import { own } from "@/lib/validation/own";
import type { RequestAuth } from "@/lib/connection-types/definition";

/** Applies the credential to the request the way the type says (basic, header, query, bearer). */
export function applyAuth(
  auth: RequestAuth,
  url: URL,
  headers: Headers,
  values: Record<string, string>,
  accessToken?: string,
): void {
  switch (auth.type) {
    case "none":
      return;
    case "basic":
      headers.set(
        "authorization",
        `Basic ${Buffer.from(`${own(values, auth.usernameField) ?? ""}:${own(values, auth.passwordField) ?? ""}`).toString("base64")}`,
      );
      return;
    case "header": {
      const name = (auth.nameField ? own(values, auth.nameField) : undefined) || auth.name;
      headers.set(name, `${auth.prefix ?? ""}${own(values, auth.valueField) ?? ""}`);
      return;
    }
    case "query": {
      const name = (auth.nameField ? own(values, auth.nameField) : undefined) || auth.name;
      url.searchParams.set(name, own(values, auth.valueField) ?? "");
      return;
    }
    case "bearer": {
      const token = auth.tokenField ? own(values, auth.tokenField) : accessToken;
      headers.set("authorization", `Bearer ${token ?? ""}`);
      return;
    }
  }
}
