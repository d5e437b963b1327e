package vn.egov.dashboard.opendata;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code egov.open-data.*}: what the catalogue says about reuse.
 *
 * @param licence the URL of the licence under which the API's tables are offered (default
 * Creative Commons Attribution 4.0); each published figure keeps its source, named in the
 * rows
 * @param publisher who publishes the catalogue
 */
@ConfigurationProperties("egov.open-data")
record OpenDataProperties(String licence, String publisher) {

}
