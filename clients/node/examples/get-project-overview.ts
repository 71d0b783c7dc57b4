// Calls Health.GetProjectOverview and prints it.
//   cd clients/node && npm run build && KAPSO_OPS_ADDR=127.0.0.1:50051 npm run example
import { common, connect, health, KapsoOpsError } from "../src/index";

async function main(): Promise<number> {
  const ops = connect(process.env.KAPSO_OPS_ADDR ?? "127.0.0.1:50051");
  try {
    const overview = await ops.health.getProjectOverview(health.GetProjectOverviewRequest.create({ period: common.Period.PERIOD_24H }));
    console.log(JSON.stringify(health.ProjectOverview.toJSON(overview), null, 2));
    return 0;
  } catch (e) {
    const err = e as KapsoOpsError;
    console.error(`GetProjectOverview failed: ${err.message}`, err.metadata ?? {});
    return 1;
  } finally {
    ops.close();
  }
}

main().then((code) => process.exit(code));
