import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyText, readFormFields } from "./body";

/** A request whose body is streamed in chunks with no Content-Length, as a chunked upload is. */
function chunked(chunks: string[], headers: Record<string, string> = {}) {
  const encoder = new TextEncoder();
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(encoder.encode(chunks[pulled++]!));
      else controller.close();
    },
  });
  return {
    request: new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit),
    pulled: () => pulled,
  };
}

describe("request bodies under a cap", () => {
  it("reads a body within the cap", async () => {
    expect(await readBodyText(new Request("http://localhost/x", { method: "POST", body: "hello" }), 5)).toBe("hello");
    expect(await readBodyText(new Request("http://localhost/x"), 5)).toBe("");
  });

  it("refuses a declared Content-Length past the cap before reading", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: "x".repeat(10),
      headers: { "content-length": "10" },
    });
    await expect(readBodyText(request, 5)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading a chunked body as soon as it passes the cap", async () => {
    const { request, pulled } = chunked(["aaaa", "bbbb", "cccc", "dddd", "eeee"]);
    await expect(readBodyText(request, 6)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBeLessThan(5);
  });

  it("reads urlencoded and multipart forms under the cap", async () => {
    const urlencoded = new Request("http://localhost/x", {
      method: "POST",
      body: "token=abc&next=%2Fembedded",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(Object.fromEntries((await readFormFields(urlencoded, 100))!)).toEqual({ token: "abc", next: "/embedded" });
    const form = new FormData();
    form.set("token", "abc");
    const multipart = new Request("http://localhost/x", { method: "POST", body: form });
    expect((await readFormFields(multipart, 1000))?.get("token")).toBe("abc");
    await expect(
      readFormFields(
        new Request("http://localhost/x", {
          method: "POST",
          body: `token=${"x".repeat(200)}`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        100,
      ),
    ).rejects.toMatchObject({ status: 413 });
  });
});
