package vn.egov.dashboard.plan;

/**
 * How far an agency has come with a task.
 */
public enum TaskStatus {

	NOT_STARTED, IN_PROGRESS, DONE

}
