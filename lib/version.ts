import packageJson from "../package.json" with { type: "json" };

/** The running release, as published in package.json (the commit is added when the build knows it). */
export const APP_VERSION: string = process.env.APP_COMMIT
  ? `${packageJson.version}+${process.env.APP_COMMIT.slice(0, 12)}`
  : packageJson.version;
