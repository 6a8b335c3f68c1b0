import { memoryDriver } from "../../src/storage/memory.js";
import { driverSuite } from "./driver-suite.js";

driverSuite("memory", () => memoryDriver());
