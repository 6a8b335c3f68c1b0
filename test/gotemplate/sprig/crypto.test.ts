// Sprig's crypto functions against Sprig v3.3.0's outputs (fixtures/crypto.json, produced by Go).
import { runFixture } from "./fixture.js";

runFixture("crypto");
