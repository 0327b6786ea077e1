"use client";

import { revokeLinkAction } from "@/app/(app)/authorization-links/actions";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Link = { id: string; email: string; createdAt: string; expiresAt: string };

/** The credential's authorization links that still work, each with Revoke. */
export function OutstandingLinks({ links }: { links: Link[] }) {
  const revoke = useActionMutation(revokeLinkAction, { success: (d) => `The link to ${d.email} no longer works` });
  if (links.length === 0) return null;
  return (
    <ul aria-label="Outstanding authorization links" className="mb-4 space-y-2 text-sm">
      {links.map((l) => (
        <li
          key={l.id}
          className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200"
        >
          <span>
            Sent to {l.email} · expires <DateTime iso={l.expiresAt} />
          </span>
          <Button
            variant="danger"
            pending={revoke.isPending && revoke.variables?.linkId === l.id}
            onClick={() => revoke.mutate({ linkId: l.id })}
          >
            Revoke link to {l.email}
          </Button>
        </li>
      ))}
    </ul>
  );
}
