// Kept for the launcher (scripts/run-app.ts) and older imports: the schema and its readers live in server/config.
export { EnvironmentError, readEnvironment } from "@/server/config";
