import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The one door for secrets, checked on the source: only the door decrypts, only the callers the
// design names open it, and no query selects a ciphertext unless its name says so.

const root = path.resolve(__dirname, "../..");
const DOOR = "lib/credentials/secrets.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === "migrations" || e.name === "node_modules" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) ? [rel] : [];
  });
}
const files = ["lib", "app", "components", "db", "bench", "scripts"].flatMap((d) => {
  try {
    return sourceFiles(d);
  } catch {
    return [];
  }
});
const parsed = new Map(
  files.map((f) => [f, ts.createSourceFile(f, readFileSync(path.join(root, f), "utf8"), ts.ScriptTarget.Latest, true)]),
);

/** The project path an import names ("@/lib/x", "./x"), without extension. */
function target(from: string, spec: string): string {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith(".")) return path.posix.join(path.posix.dirname(from), spec);
  return spec;
}

/** Every named import of every file: [file, module, name]. */
const imports = [...parsed].flatMap(([file, source]) =>
  source.statements.flatMap((s) => {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) return [];
    const bindings = s.importClause?.namedBindings;
    const names =
      bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : [];
    return names.map((name) => ({ file, module: target(file, (s.moduleSpecifier as ts.StringLiteral).text), name }));
  }),
);

describe("decryption primitives", () => {
  // The crypto module itself, the door, and the outbox: its bodies are its own secret (the team's
  // Outbox screen is their only reader), not a credential's, so they have a door of their own. So
  // has Latchkey's own client registration at an MCP server's authorization server: the
  // organization's, read only to authorize and renew that server's connections.
  const allowed = (f: string) =>
    f.startsWith("lib/crypto/") || f === DOOR || f === "lib/email/outbox.ts" || f === "lib/mcp/client/registration.ts";
  const primitives = new Set(["decryptForTenant", "decryptValue", "unwrapDataKey", "tenantDataKey", "open"]);

  it("are imported by the door alone (and lib/crypto, the outbox for its own bodies, the MCP client registrations)", () => {
    const users = imports.filter((i) => i.module.startsWith("lib/crypto/") && primitives.has(i.name));
    expect(users.filter((i) => !allowed(i.file))).toEqual([]);
    expect(users.map((i) => i.file)).toContain(DOOR);
  });

  it("node:crypto's decipher is used in lib/crypto only", () => {
    const users = imports.filter((i) => /^(node:)?crypto$/.test(i.module) && /Decipher/.test(i.name));
    expect(users.filter((i) => !i.file.startsWith("lib/crypto/"))).toEqual([]);
  });
});

describe("the door's openers", () => {
  // Why each may open a credential's secrets.
  const callers: Record<string, string> = {
    "lib/runtime/values.ts": "the runtime API hands the values to integration code",
    "lib/oauth/connection.ts": "the grant: client id, secret and endpoints of a token request",
    "lib/oauth/callback.ts": "the grant: the PKCE verifier of the code exchange",
    "lib/oauth/disconnect.ts": "the grant: the tokens to revoke",
    "lib/refresh/refresh-claim.ts": "the grant: the refresh of a claimed token set",
    "lib/refresh/claim-loaded.ts": "the grant: a refresh run's claims, their values opened as they are loaded",
    "lib/runtime/lookup.ts": "the runtime read opens the values for the runtime API and the proxy, nothing else",
    "lib/instances/test-connection.ts": "the test request",
    "lib/proxy/call.ts": "the proxy applies the credential to the call it sends on; nothing is returned",
    "lib/proxy/renew.ts": "the proxy compares the token the upstream refused with the one held",
    "lib/credentials/field-policy.ts": "the integration's secret defaults, merged into what those callers get",
    "lib/credentials/service.ts": "a change merged into sealed values and sealed again, never returned",
    "lib/credentials/hidden-defaults-cleanup.ts": "copied defaults dropped and the rest sealed again, never returned",
    "lib/integrations/config-variables.ts": "a designer's change merged into sealed defaults, never returned",
    "lib/webhooks/deliver.ts": "signs each delivery with the endpoint's secrets, which never leave it",
    "lib/credentials/plain-values.ts":
      "the wizard and the Values tab show stored non-secret values; it returns no secret field",
  };

  it("are called only by the runtime API, the grant, the test request, the wizard's plain values and the writers that seal again", () => {
    const openers = imports.filter((i) => i.module === DOOR.replace(/\.ts$/, "") && /^(open|read|take)/.test(i.name));
    expect(openers.length).toBeGreaterThan(0);
    expect(openers.filter((i) => !(i.file in callers)).map((i) => `${i.file}: ${i.name}`)).toEqual([]);
  });
});

describe("ciphertext in queries", () => {
  const sealedTables = new Set([
    "credentials",
    "credentialTokens",
    "configVariables",
    "outboxEmails",
    "oauthStates",
    "webhookEndpoints",
  ]);
  // The doors read their own ciphertext; an authorization's state is consumed once by its callback,
  // which opens its verifier at once (openCodeVerifier).
  const exempt = new Set([DOOR, "lib/email/outbox.ts", "lib/oauth/states.ts"]);
  const namedForIt = /ciphertext/i;

  /** The name of the function a node is in, or of the module-level constant it builds. */
  function enclosingName(node: ts.Node): string {
    let constant = "";
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) return n.name.getText();
      if (ts.isVariableDeclaration(n)) {
        const init = n.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return n.name.getText();
        constant = n.name.getText();
      }
    }
    return constant;
  }

  /** Whether a query builder chain reads every column (select() or returning()) of a table with a ciphertext. */
  function readsWholeSealedRow(call: ts.CallExpression): boolean {
    if (!ts.isPropertyAccessExpression(call.expression)) return false;
    const method = call.expression.name.text;
    if (!(method === "select" || method === "returning") || call.arguments.length > 0) return false;
    // The table is named in the chain: select().from(t) above, or insert/update/delete(t) below.
    let chain: ts.Node = call;
    while (chain.parent && (ts.isPropertyAccessExpression(chain.parent) || ts.isCallExpression(chain.parent)))
      chain = chain.parent;
    const text = chain.getText();
    return [...sealedTables].some((t) => new RegExp(`\\.(from|insert|update|delete)\\(${t}\\)`).test(text));
  }

  const offenders: string[] = [];
  for (const [file, source] of parsed) {
    if (exempt.has(file) || file.startsWith("lib/crypto/")) continue;
    const visit = (node: ts.Node) => {
      const explicit =
        ts.isPropertyAccessExpression(node) &&
        /Ciphertext$/.test(node.name.text) &&
        sealedTables.has(node.expression.getText()) &&
        !!node.parent &&
        ts.isPropertyAssignment(node.parent);
      const raw =
        (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node)) &&
        /\b\w+_ciphertext\s+as\b/.test(node.text);
      const whole = ts.isCallExpression(node) && readsWholeSealedRow(node);
      if ((explicit || raw || whole) && !namedForIt.test(enclosingName(node)))
        offenders.push(`${file}: ${enclosingName(node) || "(top level)"}`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  it("no query selects a ciphertext unless its name says so", () => {
    expect([...new Set(offenders)]).toEqual([]);
  });
});
