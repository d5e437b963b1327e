package vn.egov.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EgovDashboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(EgovDashboardApplication.class, args);
	}

}
