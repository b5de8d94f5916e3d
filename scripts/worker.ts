// npm run worker: delivers subscriber notifications from the outbox in its own process.
// Start as many as you like; they share the work through PostgreSQL row locks.
import { createNotificationWorker } from "@/server/notifications/worker";

const worker = createNotificationWorker();
worker.start();
console.log(`Notification worker ${worker.workerId} started.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`Received ${signal}; finishing deliveries in flight…`);
    worker.stop().then(() => process.exit(0));
  });
}
