package vn.egov.dashboard.progress;

import org.jspecify.annotations.Nullable;

/**
 * A measured quantity, e.g. {@code E_DOC_EXCHANGE}: the share of documents exchanged
 * electronically.
 */
public record Indicator(String code, String name, String nameEn, Unit unit, Direction direction,
		@Nullable String pillar, @Nullable String description) {

}
