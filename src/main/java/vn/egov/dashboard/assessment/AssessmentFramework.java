package vn.egov.dashboard.assessment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A framework's names and publisher, as the {@code AssessmentFramework} type shows them.
 */
record AssessmentFramework(Framework code, String name, String nameEn, String publisher, @Nullable String description) {

	public List<Block> blocks() {
		return this.code.blocks();
	}

}
