// Sprig's strings functions against Sprig v3.3.0's outputs (fixtures/strings.json, produced by Go).
import { runFixture } from "./fixture.js";

runFixture("strings");
