import { describe, expect, it } from "vitest";
import { normalizeTokenResponse, tokenSetFrom, valueAt } from "./token-response";

const quirks = { keepTokenFields: [], keepCallbackParams: [] };
const json = async (r: Response) => ({
  status: r.status,
  type: r.headers.get("content-type"),
  body: (await r.json()) as Record<string, unknown>,
});

describe("token endpoint answers", () => {
  it("turns a form-encoded body into JSON and fills a missing token_type", async () => {
    const { response, raw } = await normalizeTokenResponse(
      new Response("access_token=a%20b&refresh_token=r&expires_in=3600", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      quirks,
    );
    expect(await json(response)).toEqual({
      status: 200,
      type: "application/json",
      body: { access_token: "a b", refresh_token: "r", expires_in: "3600", token_type: "bearer" },
    });
    expect(raw).toMatchObject({ access_token: "a b" });
  });

  it("keeps form-encoded errors as errors", async () => {
    const { response } = await normalizeTokenResponse(
      new Response("error=invalid_grant&error_description=Bad+code", {
        status: 400,
        headers: { "content-type": "text/plain" },
      }),
      quirks,
    );
    expect(await json(response)).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: "Bad code" },
    });
  });

  it("lifts a nested token with its siblings and drops an ID token", async () => {
    const body = {
      access_token: "bot",
      token_type: "bot",
      id_token: "x.y.z",
      authed_user: { access_token: "user", scope: "a,b", expires_in: 60 },
    };
    const { response } = await normalizeTokenResponse(Response.json(body), {
      ...quirks,
      accessTokenPath: "authed_user.access_token",
    });
    expect((await json(response)).body).toEqual({
      access_token: "user",
      token_type: "bearer",
      scope: "a,b",
      expires_in: 60,
      authed_user: body.authed_user,
    });
  });

  it("makes a 200 that carries an error a 400, and leaves a non-JSON body alone", async () => {
    expect(
      (await normalizeTokenResponse(Response.json({ ok: false, error: "invalid_code" }), quirks)).response.status,
    ).toBe(400);
    const html = await normalizeTokenResponse(
      new Response("<html>oops</html>", { status: 502, headers: { "content-type": "text/html" } }),
      quirks,
    );
    expect(html.response.status).toBe(502);
    expect(await html.response.text()).toBe("<html>oops</html>");
    expect((await normalizeTokenResponse(new Response(null, { status: 204 }), quirks)).response.status).toBe(204);
  });

  it("keeps the named token fields and callback parameters as metadata", () => {
    const set = tokenSetFrom(
      { access_token: "a", token_type: "bearer", refresh_token: "r" },
      { instance_url: "https://x.example", team: { id: "T" } },
      { keepTokenFields: ["instance_url", "team.id", "absent"], keepCallbackParams: ["realmId"] },
      new URLSearchParams({ realmId: "42", code: "c" }),
    );
    expect(set).toEqual({
      accessToken: "a",
      refreshToken: "r",
      tokenType: "bearer",
      metadata: { instance_url: "https://x.example", "team.id": "T", realmId: "42" },
    });
    expect(valueAt({ a: [1] }, "a.0")).toBeUndefined();
  });
});
