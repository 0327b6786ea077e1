import { ResponseBodyError } from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { describeProviderFailure } from "./errors";
import { renderResultPage, resultPageResponse } from "./result-page";

describe("OAuth result page", () => {
  it("escapes what the provider wrote and loads nothing from anywhere", () => {
    const html = renderResultPage({
      ok: false,
      title: "Authorization failed",
      message: 'The provider did not authorize: <script>alert("x")</script>',
      backHref: "/instances/1?a=1&b=2",
      backLabel: "Back",
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
    expect(html).toContain('href="/instances/1?a=1&#38;b=2"');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("answers with no referrer and a CSP that allows nothing but inline styles", () => {
    const response = resultPageResponse({
      ok: true,
      title: "Authorization completed successfully",
      message: "ok",
      backHref: null,
      backLabel: null,
    });
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});

describe("provider failures", () => {
  it("keeps the OAuth error and description, masks secrets, never reads the body behind them", () => {
    const response = Response.json(
      { error: "invalid_grant", error_description: "code abc-secret-123 was already used", access_token: "leak" },
      { status: 400 },
    );
    const error = new ResponseBodyError("server responded with an error in the response body", {
      cause: { error: "invalid_grant", error_description: "code abc-secret-123 was already used" },
      response,
    });
    const failure = describeProviderFailure(error, { code: "abc-secret-123" });
    expect(failure).toEqual({
      error: "invalid_grant",
      description: "code ••• was already used",
      status: 400,
      message: "The provider answered 400 invalid_grant: code ••• was already used",
    });
    expect(describeProviderFailure(new Error("database is down"))).toBeUndefined();
  });
});

describe("the callback page of an embedded CONNECT", () => {
  const page = {
    ok: true,
    title: "Authorization completed successfully",
    message: "ok",
    backHref: null,
    backLabel: null,
    embedded: { instanceId: "i-1", connection: "files", ok: true, message: "ok" },
  };

  it("posts its outcome to the opener at one exact origin, with a script allowed by a nonce only", async () => {
    const response = resultPageResponse(page, 200, "http://localhost:3000");
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /script-src 'nonce-([0-9a-f]{32})'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('"origin":"http://localhost:3000"');
    expect(html).toContain('"type":"latchkey:oauth-complete"');
    expect(html).not.toContain('"*"');
  });

  it("cannot be broken out of by what it carries", () => {
    const html = renderResultPage(
      {
        ...page,
        embedded: {
          instanceId: "</script><script>alert(1)</script>",
          connection: "files",
          ok: true,
          message: "</script>",
        },
      },
      { origin: "http://localhost:3000", nonce: "n" },
    );
    expect(html).not.toContain("</script><script>alert(1)");
  });

  it("has no script for any other flow", () => {
    const { embedded: _, ...plain } = page;
    const response = resultPageResponse(plain, 200, "http://localhost:3000");
    expect(response.headers.get("content-security-policy")).not.toContain("script-src");
  });
});
