/**
 * Process assurance and key-usage decisions. Pure logic: no I/O, no crypto (shared/DESIGN.md).
 */
package io.sealgate.policy;
