import { CopyButton } from "@/components/ui/copy-button";

/** The URL integration code calls through the proxy, and where its calls go. */
export function ProxyUrl({ url, targets, names }: { url: string; targets: string[]; names?: string[] }) {
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <code className="break-all rounded bg-slate-100 px-2 py-1.5 font-mono text-xs" data-testid="proxy-url">
          {url}
          {names && names.length > 0 ? `{${names.join("|")}}/` : ""}
          &#123;path&#125;
        </code>
        <CopyButton value={url} />
      </div>
      <p className="text-slate-600">
        Sent on to <span className="font-mono text-xs">{targets.join(", ")}</span> + the path, with the
        connection&apos;s credentials applied: integration code sends its runtime key, never the secret.
      </p>
    </div>
  );
}
