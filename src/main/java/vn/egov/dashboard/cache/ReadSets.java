package vn.egov.dashboard.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * What data a query reads, as the entities that writes announce in a
 * {@link vn.egov.dashboard.system.DataChangedEvent}: the object types of every selected
 * field, mapped to the entity that owns them. A type this class does not know reads
 * {@link #ANYTHING}, which every write invalidates, so a new type is never cached stale:
 * it is only cached less well until it is mapped.
 */
final class ReadSets {

	/**
	 * Fields walked at most per document. The traversal expands fragments, and a few
	 * fragments spreading each other can expand to billions of fields; such a document is
	 * not cached (the query limits refuse it anyway).
	 */
	static final int MAX_FIELDS = 10_000;

	/** The read set of a type nobody mapped: any write invalidates it. */
	static final String ANYTHING = "*";

	/**
	 * Which entity's writes change each object type (connection and edge types follow
	 * their node).
	 */
	static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("Agency", "agency"),
			Map.entry("LegalDocument", "document"), Map.entry("Plan", "plan"), Map.entry("Task", "plan"),
			Map.entry("TaskReport", "plan"), Map.entry("Indicator", "target"), Map.entry("Target", "target"),
			Map.entry("Progress", "measurement"), Map.entry("TargetSummary", "measurement"),
			Map.entry("Measurement", "measurement"), Map.entry("AssessmentFramework", "assessment"),
			Map.entry("AssessmentRound", "assessment"), Map.entry("AssessmentCategory", "assessment"),
			Map.entry("RoundBlock", "assessment"), Map.entry("Ranking", "assessment"),
			Map.entry("RankingEntry", "assessment"), Map.entry("AgencyRound", "assessment"),
			Map.entry("CategoryScore", "assessment"), Map.entry("AssessmentComparison", "assessment"),
			Map.entry("ComparedAgency", "assessment"), Map.entry("ComparedScore", "assessment"),
			Map.entry("CategoryStatistics", "assessment"), Map.entry("AssessmentImportResult", "assessment"),
			Map.entry("ImportProblem", "assessment"), Map.entry("Poll", "poll"), Map.entry("PollOption", "poll"),
			Map.entry("PollDay", "poll"), Map.entry("PollOptionDay", "poll"), Map.entry("Site", "site"),
			Map.entry("SiteReading", "site"), Map.entry("TrafficPoint", "traffic"), Map.entry("PageStats", "traffic"),
			Map.entry("Online", "traffic"), Map.entry("SiteStats", "traffic"), Map.entry("HitReceipt", "traffic"),
			Map.entry("HitRejection", "traffic"), Map.entry("Query", ""), Map.entry("PageInfo", ""),
			Map.entry("ProgressUpdate", "measurement"), Map.entry("Subscription", ""), Map.entry("Viewer", "caller"),
			Map.entry("ApiKey", "api_key"), Map.entry("CreatedApiKey", "api_key"), Map.entry("AuditEntry", "audit"));

	/**
	 * The operation a request runs, and what it reads; {@code query} is false for
	 * mutations and subscriptions.
	 */
	record ReadSet(boolean query, Set<String> entities) {
	}

	private final GraphQLSchema schema;

	private final Cache<String, Map<String, ReadSet>> byDocument;

	ReadSets(GraphQLSchema schema, Cache<String, Map<String, ReadSet>> byDocument) {
		this.schema = schema;
		this.byDocument = byDocument;
	}

	/**
	 * The read set of the operation {@code operationName} (or the only one), or null if
	 * the document is invalid. The read set depends only on the document;
	 * {@code variables} are needed to walk it, since the traversal resolves arguments,
	 * and a required variable missing fails it.
	 */
	@Nullable ReadSet of(String document, @Nullable String operationName, Map<String, Object> variables) {
		Map<String, ReadSet> operations = this.byDocument.getIfPresent(document);
		if (operations == null) {
			operations = analyse(document, variables);
			if (operations.isEmpty()) {
				// Not remembered: the same document with valid variables may still be
				// analysed.
				return null;
			}
			this.byDocument.put(document, operations);
		}
		return operations.get((operationName != null) ? operationName : "");
	}

	private Map<String, ReadSet> analyse(String text, Map<String, Object> variables) {
		Map<String, ReadSet> result = new HashMap<>();
		try {
			Document document = Parser.parse(text);
			var operations = document.getDefinitionsOfType(OperationDefinition.class);
			for (OperationDefinition operation : operations) {
				String name = (operations.size() == 1 || operation.getName() == null) ? "" : operation.getName();
				boolean query = operation.getOperation() == OperationDefinition.Operation.QUERY;
				result.put(name,
						new ReadSet(query, query ? entities(document, operation.getName(), variables) : Set.of()));
			}
		}
		catch (RuntimeException ex) {
			// Invalid documents (or variables) are not cached; the engine reports their
			// errors.
			result.clear();
		}
		return result;
	}

	private Set<String> entities(Document document, @Nullable String operationName, Map<String, Object> variables) {
		Set<String> entities = new HashSet<>();
		int[] visits = { 0 };
		QueryTraverser.newQueryTraverser()
			.schema(this.schema)
			.document(document)
			.operationName(operationName)
			.coercedVariables(CoercedVariables.of(variables))
			.build()
			.visitPreOrder(new QueryVisitorStub() {
				@Override
				public void visitField(QueryVisitorFieldEnvironment env) {
					if (++visits[0] > MAX_FIELDS) {
						throw new IllegalArgumentException("too many fields to analyse");
					}
					if (env.isTypeNameIntrospectionField()) {
						return;
					}
					String entity = entityOf(GraphQLTypeUtil.unwrapAll(env.getFieldDefinition().getType()).getName());
					if (entity != null) {
						entities.add(entity);
					}
				}
			});
		return Set.copyOf(entities);
	}

	/**
	 * The entity of a type, "" for types no write changes, null for scalars and enums.
	 */
	private @Nullable String entityOf(String typeName) {
		if (typeName.startsWith("__")) {
			return null;
		}
		if (!(this.schema.getType(typeName) instanceof GraphQLObjectType)) {
			return null;
		}
		String node = typeName.replaceFirst("(Connection|Edge)$", "");
		String entity = ENTITIES.get(node);
		if (entity == null) {
			return ANYTHING;
		}
		return entity.isEmpty() ? null : entity;
	}

}
