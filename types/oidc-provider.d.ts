// oidc-provider 9 ships no type declarations; this covers the little the sandbox provider uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type ClientMetadata = {
    client_id: string;
    client_secret?: string;
    redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    scope?: string;
    [key: string]: unknown;
  };

  export type Account = { accountId: string; claims: () => Record<string, unknown> | Promise<Record<string, unknown>> };

  export type Configuration = {
    clients?: ClientMetadata[];
    [key: string]: unknown;
  };

  /** The little of a Koa context that a pre-processing middleware of the sandbox touches. */
  export type KoaContext = {
    method: string;
    path: string;
    req: IncomingMessage & { body?: unknown };
    status: number;
    body: unknown;
    get(name: string): string;
    is(type: string): string | false | null;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): this;
  }
}
