/** Beside a disabled CONNECT: why it cannot start yet, naming the fields (lib/instances/connect-readiness). */
export function ConnectBlockedNote({ id, reason }: { id: string; reason: string }) {
  return (
    <p id={id} className="basis-full text-sm text-amber-800" data-testid="connect-blocked">
      {reason}
    </p>
  );
}
