// Next calls register() once when a server process starts. The job worker and the health
// collectors live only in the Node.js runtime; importing them dynamically keeps the database
// and SSH code out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.PANEL_JOB_WORKER !== "off") {
    const { startPanelWorker } = await import("./lib/jobs/start");
    startPanelWorker();
  }
  if (process.env.PANEL_HEALTH_COLLECTOR !== "off") {
    const { startPanelHealth } = await import("./lib/health/start");
    startPanelHealth();
  }
}
