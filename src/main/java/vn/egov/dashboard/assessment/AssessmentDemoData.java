package vn.egov.dashboard.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.demo.DemoAssessments;
import vn.egov.dashboard.demo.DemoAssessments.Member;
import vn.egov.dashboard.demo.DemoAssessments.PlannedRound;
import vn.egov.dashboard.demo.DemoDataSet;
import vn.egov.dashboard.document.DocumentRepository;

/**
 * The assessment part of the demo data: the rounds of 2016–2024 with every published
 * figure and generated sample scores that complete each block's ranking (see
 * {@link DemoAssessments}).
 */
@Component
class AssessmentDemoData implements DemoDataSet {

	private final AssessmentRepository assessments;

	private final DocumentRepository documents;

	AssessmentDemoData(AssessmentRepository assessments, DocumentRepository documents) {
		this.assessments = assessments;
		this.documents = documents;
	}

	@Override
	public Flux<String> load(DatabaseClient db) {
		return db.sql("SELECT code, kind, valid_from, valid_to, successor_code FROM agency")
			.map((row) -> new Member(row.get("code", String.class), row.get("kind", String.class),
					row.get("valid_from", LocalDate.class), row.get("valid_to", LocalDate.class),
					row.get("successor_code", String.class)))
			.all()
			.collectList()
			.map((agencies) -> DemoAssessments.plan(DemoAssessments.files(), agencies))
			.flatMapMany((plans) -> Flux.fromIterable(plans)
				.concatMap(this::write)
				.then(Mono.fromSupplier(() -> summary(plans)))
				.flatMapIterable((lines) -> lines));
	}

	private Mono<Long> write(PlannedRound plan) {
		Mono<Optional<Long>> document = (plan.methodologyDocument() != null)
				? this.documents.findByNumber(plan.methodologyDocument())
					.map((d) -> Optional.of(d.id()))
					.switchIfEmpty(Mono.error(() -> new IllegalStateException(
							"Methodology document " + plan.methodologyDocument() + " is not in demo/documents.csv")))
				: Mono.just(Optional.empty());
		return document
			.flatMap((id) -> this.assessments.insertRound(plan.framework(), plan.year(), plan.publishedOn(),
					id.orElse(null), plan.note()))
			.flatMap((round) -> this.assessments.saveCategories(round.id(), plan.categories())
				.then(this.assessments.insertScores(round.id(), plan.rows())));
	}

	private static List<String> summary(List<PlannedRound> plans) {
		long rows = plans.stream().mapToLong((p) -> p.rows().size()).sum();
		long published = plans.stream().mapToLong(PlannedRound::published).sum();
		long ranks = plans.stream().flatMap((p) -> p.rows().stream()).filter((r) -> r.publishedRank() != null).count();
		return List.of("Demo data: " + plans.size() + " assessment rounds",
				"Demo data: " + published + " published assessment scores and " + ranks + " published ranks",
				"Demo data: " + (rows - published) + " generated sample assessment scores (labelled sample)");
	}

}
