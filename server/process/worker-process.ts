// npm run worker: delivers subscriber notifications from the outbox in its own process, and keeps the static
// mirror current when one is configured. Start as many as you like; they share the work through PostgreSQL locks.
import { createNotificationWorker } from "@/server/notifications/worker";
import { startWorkerMirror } from "@/server/mirror/start-worker-mirror";

const worker = createNotificationWorker();
worker.start();
console.log(`Notification worker ${worker.workerId} started.`);
const mirror = startWorkerMirror().catch((error: unknown) => {
  console.error("Could not start the static mirror:", error instanceof Error ? error.message : error);
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`Received ${signal}; finishing deliveries in flight…`);
    void Promise.all([worker.stop(), mirror.then((stop) => stop?.())]).then(() => process.exit(0));
  });
}
