// Sprig's dicts functions against Sprig v3.3.0's outputs (fixtures/dicts.json, produced by Go).
import { runFixture } from "./fixture.js";

runFixture("dicts");
