// What the designer's client components know of connection types: no more than the page passes.
export type DesignerField = { key: string; label: string; secret: boolean; required: boolean; default: string | null };
export type DesignerType = { key: string; label: string; kind: string; fields: DesignerField[] };
export type DesignerAction = { key: string; label: string; connectionType: string | null };
