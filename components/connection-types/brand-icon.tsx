import { brandIcon } from "@/lib/connection-types/icons";

// A connection type's brand icon from simple-icons, drawn on the server; the type's initials on a
// plain tile where simple-icons has no icon for the brand (or the type names none).

const initials = (label: string) =>
  label
    .split(/[\s().-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

/** The icon of a type, 32 px, decorative (the label beside it names the type). */
export function BrandIcon({ icon, label }: { icon?: string; label: string }) {
  const brand = brandIcon(icon);
  if (!brand)
    return (
      <span
        aria-hidden="true"
        data-icon="fallback"
        className="flex size-8 shrink-0 items-center justify-center rounded-md bg-slate-100 text-xs font-semibold text-slate-600"
      >
        {initials(label)}
      </span>
    );
  return (
    <svg
      aria-hidden="true"
      data-icon={icon}
      viewBox="0 0 24 24"
      className="size-8 shrink-0 rounded-md bg-slate-50 p-1"
      fill={`#${brand.hex}`}
    >
      <path d={brand.path} />
    </svg>
  );
}
