// Sprig's semver functions against Sprig v3.3.0's outputs (fixtures/semver.json, produced by Go).
import { runFixture } from "./fixture.js";

runFixture("semver");
