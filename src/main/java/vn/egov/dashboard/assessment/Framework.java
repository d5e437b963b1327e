package vn.egov.dashboard.assessment;

import java.util.List;

/**
 * An assessment framework; the names are those of the reference data
 * ({@code assessment_scores.csv}).
 */
public enum Framework {

	/** Báo cáo đánh giá mức độ ứng dụng CNTT của cơ quan nhà nước (2016–2019). */
	ICT_APPLICATION(List.of(Block.MINISTRIES, Block.GOVERNMENT_AGENCIES, Block.PROVINCES)),
	/** Chỉ số sẵn sàng cho phát triển và ứng dụng CNTT-TT (Vietnam ICT Index). */
	VIETNAM_ICT_INDEX(List.of(Block.MINISTRIES_AND_GOVERNMENT_AGENCIES, Block.PROVINCES)),
	/** Chỉ số đánh giá chuyển đổi số (Digital Transformation Index), from 2020. */
	DTI(List.of(Block.MINISTRIES_WITH_PUBLIC_SERVICES, Block.MINISTRIES_WITHOUT_PUBLIC_SERVICES, Block.PROVINCES,
			Block.PROVINCES_POST_MERGER, Block.NATIONAL));

	private final List<Block> blocks;

	Framework(List<Block> blocks) {
		this.blocks = blocks;
	}

	/** The blocks this framework ranks agencies in, in display order. */
	List<Block> blocks() {
		return this.blocks;
	}

}
