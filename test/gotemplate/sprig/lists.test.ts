// Sprig's lists functions against Sprig v3.3.0's outputs (fixtures/lists.json, produced by Go).
import { runFixture } from "./fixture.js";

runFixture("lists");
