// Sprig's regex functions against Sprig v3.3.0's outputs (fixtures/regex.json, produced by Go).
import { runFixture } from "./fixture.js";

runFixture("regex");
