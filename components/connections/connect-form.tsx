import { buttonClass } from "@/components/ui/button";

type ConnectTarget = { instanceId: string; connection: string } | { credentialId: string } | { link: string };

/**
 * CONNECT as a form POST to Latchkey itself: the server starts an authorization only for a POST
 * from its own pages (a link would be a GET any other site could send a signed-in user to).
 */
export function ConnectForm({
  target,
  label,
  variant = "primary",
  className,
  blockedBy,
}: {
  target: ConnectTarget;
  label: string;
  variant?: "primary" | "secondary";
  className?: string;
  /** The id of the note saying why CONNECT cannot start yet: the button is disabled and described by it. */
  blockedBy?: string;
}) {
  return (
    <form method="post" action="/api/oauth/authorize" className="contents">
      {Object.entries(target).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        className={buttonClass(variant, className ?? "")}
        disabled={!!blockedBy}
        aria-describedby={blockedBy}
      >
        {label}
      </button>
    </form>
  );
}
