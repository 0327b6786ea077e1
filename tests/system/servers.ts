import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

// Real production servers (server.mjs, as `npm start` runs it) on the run's PostgreSQL (the build must exist: `npm run build`), with
// the same secrets as the test process, so that both sides read what the other stored.

export type AppServer = {
  url: string;
  process: ChildProcess;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  output: () => string;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    // As `npm start` runs it: Node's header limit above the proxy's own (lib/proxy/request-size.ts).
    ["--max-http-header-size=65536", "server.mjs", "-p", String(port)],
    {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: process.env.DATABASE_URL!,
        LATCHKEY_MASTER_KEY: process.env.LATCHKEY_MASTER_KEY!,
        AUTH_SECRET: process.env.AUTH_SECRET!,
        CRON_SECRET: process.env.CRON_SECRET!,
        LATCHKEY_URL: url,
        LATCHKEY_ALLOW_PRIVATE_NETWORK: "true",
        LATCHKEY_SANDBOX_OAUTH: "false",
        LATCHKEY_REFRESH_SCHEDULER: "false",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive()) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (alive()) child.kill(signal);
      await exited;
    },
  };
}
