export {
  childEnvironment,
  configFrom,
  EnvironmentError,
  parseConfig,
  readConfig,
  readEnvironment,
  setEnvironment,
  type Config,
  type ConfigSource,
  type ConfigWith,
} from "@/server/config/read-config";
export { nextAuthEnvironment, provideNextAuthEnvironment } from "@/server/config/next-auth-environment";
export { VARIABLES, type Reader, type VariableName } from "@/server/config/variables";
