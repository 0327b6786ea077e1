import "server-only";
import { fieldNeedsValue, type ConnectionField, type ConnectionType } from "./definition";
import { credentialMethodTypes } from "./catalog/built-in";
import { kindOf, type KindTraits } from "./kinds";

// Connection types as screens see them: plain data that server pages hand to client components,
// with the kind's traits instead of its name, so that components ask "does it authorize?" rather
// than compare kinds.

/** A field as a form shows it. `required`: whoever fills the form must give it (no default to fall back on). */
export type FieldView = Pick<ConnectionField, "key" | "label" | "type" | "secret" | "placeholder" | "help"> & {
  required: boolean;
};

export type ConnectionTypeView = {
  key: string;
  label: string;
  description: string;
  fields: FieldView[];
  traits: KindTraits;
};

/** A field for a form. */
export function fieldView(f: ConnectionField): FieldView {
  return {
    key: f.key,
    label: f.label,
    type: f.type,
    required: fieldNeedsValue(f),
    secret: f.secret,
    ...(f.placeholder !== undefined ? { placeholder: f.placeholder } : {}),
    ...(f.help !== undefined ? { help: f.help } : {}),
  };
}

/** A connection type for a form or a page. */
export function connectionTypeView(type: ConnectionType): ConnectionTypeView {
  return {
    key: type.key,
    label: type.label,
    description: type.description,
    fields: type.fields.map(fieldView),
    traits: kindOf(type.kind).traits,
  };
}

/** The traits of a type's kind. */
export function traitsOf(type: Pick<ConnectionType, "kind">): KindTraits {
  return kindOf(type.kind).traits;
}

/** The six auth methods a credential can be made with on its own, for the "+ Credential" form. */
export function credentialMethodViews(): ConnectionTypeView[] {
  return credentialMethodTypes.map(connectionTypeView);
}
