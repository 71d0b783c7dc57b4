// Must FAIL tsc --strict: proves the promise methods are typed (an any result would pass).
import { connect, health } from "@kapso-ops/client";

export async function wrong(): Promise<void> {
  const ops = connect("127.0.0.1:1");
  const n: number = await ops.health.getProjectOverview(health.GetProjectOverviewRequest.create());
  console.log(n);
}
