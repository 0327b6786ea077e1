// What the designer's client components know of connection types: no more than the page passes.
/** `type` and `baseUrl` (the test request's or proxy's target is built from it) let the designer warn about URLs that receive secrets. */
export type DesignerField = {
  key: string;
  label: string;
  secret: boolean;
  required: boolean;
  default: string | null;
  type?: string;
  baseUrl?: boolean;
};
/** `authorizes`: its kind's trait (CONNECT with custom redirects), decided on the server. */
/** `proxy`: where the type's proxy sends calls, and the start of the URL integration code calls (up to the config variable's key). */
export type DesignerType = {
  key: string;
  label: string;
  kind: string;
  authorizes: boolean;
  fields: DesignerField[];
  proxy?: { urlPrefix: string; targets: string[] };
};
export type DesignerAction = { key: string; label: string; connectionType: string | null };
