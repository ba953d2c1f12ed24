package dev.escalation.examples.spring;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /requests/{id}?requester=&approver=} opens a request, {@code POST /requests/{id}/approve?by=} approves it. */
@RestController
public class ApprovalController {

    private final ApprovalService approvals;

    public ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @PostMapping("/requests/{id}")
    public ResponseEntity<Void> open(
            @PathVariable("id") String id,
            @RequestParam("requester") String requester,
            @RequestParam("approver") String approver) {
        approvals.open(id, requester, approver);
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PostMapping("/requests/{id}/approve")
    public ResponseEntity<Void> approve(@PathVariable("id") String id, @RequestParam("by") String by) {
        approvals.approve(id, by);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/requests/{id}")
    public String status(@PathVariable("id") String id) {
        return approvals.status(id);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    public ResponseEntity<String> refused(DataIntegrityViolationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body("refused: " + e.getMostSpecificCause().getMessage());
    }
}
