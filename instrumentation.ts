// Next calls register() once when a server process starts. The job worker lives only in the
// Node.js runtime; importing it dynamically keeps the database and SSH code out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.PANEL_JOB_WORKER === "off") return;
  const { startPanelWorker } = await import("./lib/jobs/start");
  startPanelWorker();
}
