import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { ApiRouteHandler } from "@/lib/api/route";
import type { HttpMethod } from "@/lib/api/spec";
import { apiV1Specs } from "@/lib/api/specs";
import { contractOperations, servedBeyondContract } from "@/tests/fixtures/api-contract-operations";

// The API declared once: every route handler under app/api/v1 is built from a spec, the document
// is generated from the same specs, it is a valid OpenAPI 3.1 document a client generator reads,
// and its operations are the public contract's.

const root = path.resolve(__dirname, "../..");
const v1Folder = path.join(root, "app/api/v1");
const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const document = buildOpenApiDocument(apiV1Specs, "http://localhost:3000");
// The document as a client receives it: JSON text, parsed.
const servedJson = () => JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
const key = (method: string, route: string) => `${method} ${route}`;

/** TypeScript's complaints about one module held in memory, compiled as strictly as the project. */
function compileErrors(source: string): string[] {
  const name = path.join(root, "openapi-types.generated.ts");
  // No @types: the generated module stands alone, as it would in a client's project.
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, version, ...rest) =>
    file === name ? ts.createSourceFile(file, source, version) : getSourceFile(file, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === name || fileExists(file);
  const program = ts.createProgram([name], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/** Route files under a folder, with the OpenAPI path each serves (`[id]` is `{id}`). */
function routeFiles(folder: string): { file: string; path: string }[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((entry) => path.basename(entry) === "route.ts")
    .map((entry) => ({
      file: path.join(folder, entry),
      path: `/api/v1/${path.dirname(entry)}`.replace(/\/\.$/, "").replace(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g, "{$1}"),
    }));
}

async function handlers() {
  const found: { method: string; path: string; handler: ApiRouteHandler }[] = [];
  for (const route of routeFiles(v1Folder)) {
    const exported = (await import(route.file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = exported[method] as ApiRouteHandler | undefined;
      if (handler) found.push({ method, path: route.path, handler });
    }
  }
  return found;
}

const documentOperations = () =>
  Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    METHODS.filter((method) => item?.[method.toLowerCase() as Lowercase<HttpMethod>]).map((method) =>
      key(method, route),
    ),
  );

// Every route file is imported (most of the app): slow on a busy 2-core machine.
describe("the API v1 document", { timeout: 120_000 }, () => {
  it("has every route handler, each built by apiRoute from the spec of its own path and method", async () => {
    const found = await handlers();
    expect(found.length).toBeGreaterThan(30);
    const wrong = found
      .filter(({ method, path: route, handler }) => handler.spec?.method !== method || handler.spec.path !== route)
      .map(({ method, path: route }) => key(method, route));
    expect(wrong, "handlers not built from their own operation's spec").toEqual([]);
    expect(found.map(({ method, path: route }) => key(method, route)).sort()).toEqual(documentOperations().sort());
  });

  it("declares each path parameter once, in the spec's params", () => {
    for (const spec of apiV1Specs) {
      const named = [...spec.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const declared = Object.keys((spec.params as { shape?: object } | undefined)?.shape ?? {}).sort();
      expect(declared, key(spec.method, spec.path)).toEqual(named);
    }
  });

  it("is a valid OpenAPI 3.1 document whose references all resolve, shared schemas under components", async () => {
    const validator = new Validator();
    const result = await validator.validate(servedJson());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(["Organization", "Credential", "Instance", "Error"]),
    );
    expect(JSON.stringify(document)).not.toContain("#/$defs/");
  });

  it("builds types with openapi-typescript that compile", async () => {
    const types = astToString(await openapiTS(JSON.stringify(document)));
    expect(types).toContain('"/api/v1/instances/{id}/connections/{key}/values"');
    expect(types).toMatch(/Organization: \{/);
    expect(types).toContain('components["schemas"]["Credential"]');
    expect(compileErrors(types)).toEqual([]);
    // The same compiler does see a broken module.
    expect(compileErrors(`${types}\nconst broken: paths["/api/v1/organization"]["get"] = 1;`)).not.toEqual([]);
  }, 60_000);

  it("serves the public contract's operations, and names each one still missing", () => {
    const served = new Set(documentOperations());
    const beyond = new Set(servedBeyondContract.map(({ method, path: route }) => key(method, route)));
    // ANY (the proxy) is served as each method.
    const expected = contractOperations
      .filter((op) => op.pendingIssue === undefined && op.unbuilt === undefined)
      .flatMap(({ method, path: route }) =>
        method === "ANY" ? METHODS.map((m) => key(m, route)) : [key(method, route)],
      );
    expect(
      [...served].filter((op) => !expected.includes(op) && !beyond.has(op)).sort(),
      "served, not in the contract",
    ).toEqual([]);
    expect(
      expected.filter((op) => !served.has(op)),
      "in the contract, not served",
    ).toEqual([]);
    expect(
      [...beyond].filter((op) => !served.has(op)),
      "listed as served beyond the contract, but gone",
    ).toEqual([]);
  });

  const notYet = contractOperations
    .filter((op) => op.pendingIssue !== undefined || op.unbuilt !== undefined)
    .map((op) => ({ ...op, why: op.pendingIssue !== undefined ? `issue ${op.pendingIssue} builds it` : op.unbuilt }));
  it.each(notYet)("does not serve $method $path yet ($why)", (op) => {
    const item = (document.paths ?? {})[op.path];
    const methods = op.method === "ANY" ? METHODS : [op.method];
    expect(methods.filter((method) => item?.[method.toLowerCase() as Lowercase<HttpMethod>])).toEqual([]);
  });
});
