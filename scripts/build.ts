// `npm run build`: the production build, recorded so that `npm start` knows it matches the sources.
import { buildApp } from "./lib/build-app";

if (!buildApp()) process.exit(1);
