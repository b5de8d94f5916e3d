import path from "node:path";

/** The repository's root folder, wherever a script, test or spec runs from. */
export const projectRoot = path.resolve(__dirname, "../..");
