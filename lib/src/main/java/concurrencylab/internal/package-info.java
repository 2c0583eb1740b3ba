/**
 * What the library's packages and the Concurrency Lab kernel share that is no part of a notebook's
 * API: public only because more than one package uses it. Notebooks import the other packages.
 */
package concurrencylab.internal;
